// Guest JavaScript (../guest/*.js) runs inside QuickJS, not in Node: importing it with a
// `?source` suffix gives its text, bundled by esbuild (the guest-source plugin in
// esbuild.config.mjs).
declare module '*?source' {
  const source: string;
  export default source;
}
