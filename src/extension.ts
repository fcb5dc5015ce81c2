// placeholder, replaced by the editor layer
export function activate(): void {}
export function deactivate(): void {}
