// Mocha root setup: the engine's TypeScript sources run under tsx, while the wasm files and
// the bundled sandbox worker come from dist/ (built by `npm run build`, which `pretest` runs).
import path from 'node:path';
import { setAssetDir } from '../src/engine/assets';

setAssetDir(path.resolve(__dirname, '..', 'dist'));
