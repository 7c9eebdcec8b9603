/**
 * A QR code the server drew as SVG. Shown through `<img>` (a data URL), never injected as markup:
 * an image cannot run scripts, whatever the SVG contains.
 */
export function QrImage({ svg, label, testId }: { svg: string; label: string; testId?: string }) {
  return (
    <img
      className="qr-image"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={label}
      width={180}
      height={180}
      data-testid={testId}
    />
  );
}
