import QRCode from 'qrcode';

/**
 * The otpauth URI as an SVG QR code, rendered on the server by the `qrcode` package (no network, no
 * script in the page). Error correction level M; a quiet zone of 4 modules as the standard asks.
 * `label` (French or English, from the caller's catalogue) becomes the image's accessible name; the page
 * must also show the secret as text for people who cannot scan (`formatSecretForDisplay`).
 */
export async function otpauthQrSvg(uri: string, options: { label?: string } = {}): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  const label = options.label ?? 'QR code à scanner avec votre application d’authentification';
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(label)}" focusable="false" `);
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
