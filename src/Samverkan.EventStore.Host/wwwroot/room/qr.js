// A QR code as SVG, drawn from the vendored qrcode-generator (MIT, pinned; see its LICENSE).
import qrcode from "/vendor/qrcode-generator-2.0.4/qrcode.mjs";
import { el } from "./room.js";

export function qrSvg(text, label) {
  const code = qrcode(0, "M");
  code.addData(text);
  code.make();
  const size = code.getModuleCount();
  let path = "";
  for (let row = 0; row < size; row++)
    for (let column = 0; column < size; column++)
      if (code.isDark(row, column)) path += `M${column + 4} ${row + 4}h1v1h-1z`;
  // A quiet zone of four modules, as scanners expect.
  return el("svg", { viewBox: `0 0 ${size + 8} ${size + 8}`, class: "qr", role: "img", "aria-label": label },
    el("rect", { width: size + 8, height: size + 8, fill: "#fff" }),
    el("path", { d: path, fill: "#000" }));
}
