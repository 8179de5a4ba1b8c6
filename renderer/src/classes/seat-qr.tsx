import QRCode from 'qrcode';
import { useMemo } from 'react';

/** A seat link as a QR code for the projector: an SVG drawn from qrcode's module matrix (no HTML injected). */
export function SeatQr({ link, label }: { link: string; label: string }) {
  const { size, path } = useMemo(() => {
    const qr = QRCode.create(link, { errorCorrectionLevel: 'L' });
    const n = qr.modules.size;
    let d = '';
    for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (qr.modules.get(x, y)) d += `M${x + 2} ${y + 2}h1v1h-1z`;
    return { size: n + 4, path: d };
  }, [link]);
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} width={160} height={160} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
