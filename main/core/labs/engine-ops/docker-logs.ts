/**
 * The text of a non-TTY container log buffer: Docker multiplexes stdout and stderr as frames of
 * [stream byte, 0, 0, 0, 4-byte big-endian length, payload]. A TTY log has no frames and is returned as is.
 */
export function demuxLogs(buf: Buffer): string {
  const parts: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const stream = buf[i];
    if (stream > 2 || buf[i + 1] !== 0 || buf[i + 2] !== 0 || buf[i + 3] !== 0) return buf.toString('utf8');
    const size = buf.readUInt32BE(i + 4);
    parts.push(buf.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  return i === 0 && buf.length ? buf.toString('utf8') : Buffer.concat(parts).toString('utf8');
}
