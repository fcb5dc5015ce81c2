import path from 'node:path';
import * as vscode from 'vscode';

/** Shows the tuner's SVG plot in a webview (the image only; strict CSP, no scripts). */
export function showParetoPlot(svgFile: string): void {
  const dir = vscode.Uri.file(path.dirname(svgFile));
  const panel = vscode.window.createWebviewPanel('cascade.pareto', 'Cascade: Pareto front', vscode.ViewColumn.Beside, { localResourceRoots: [dir] });
  const src = panel.webview.asWebviewUri(vscode.Uri.file(svgFile));
  panel.webview.html = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${panel.webview.cspSource};">
<title>Pareto front</title></head>
<body><img src="${src}?v=${Date.now()}" alt="Pareto front: accuracy against cost for cascades and single models"></body></html>`;
}
