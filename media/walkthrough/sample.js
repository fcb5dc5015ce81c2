// Cascade's sample file. Put the cursor on the empty line inside cubed() and wait for the ghost
// text, or press Ctrl+Alt+Enter (Cascade: complete function). The status bar then says whether
// the answer passed the tests its model wrote for it.

/** Returns the cube of n. */
function cubed(n) {
  
}

module.exports = { cubed };
