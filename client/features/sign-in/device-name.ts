// A device token is named after the browser and OS (issue 11), e.g. "Chrome on macOS", so Settings ›
// Devices tells them apart. From navigator.userAgent only; nothing is sent but this summary.
export function summariseUserAgent(ua: string, platform = ''): string {
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Mac OS X|Macintosh/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /CrOS/.test(ua)
            ? 'ChromeOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : platform || 'this device';
  return `${browser} on ${os}`.slice(0, 120);
}

export function deviceName(): string {
  return summariseUserAgent(navigator.userAgent, navigator.platform);
}
