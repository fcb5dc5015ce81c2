/** Returns the cube of n. */
function cubed(n) {
  
}
