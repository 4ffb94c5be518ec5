/** A member's picture, or their initials on a coloured disc; decorative beside the name it accompanies. */
export function Avatar({ url, name, size = 48 }: { url: string | null; name: string; size?: number }) {
  const initials = name
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
  return url ? (
    <img className="avatar" src={url} alt="" width={size} height={size} loading="lazy" />
  ) : (
    <span className="avatar avatar-initials" aria-hidden="true" style={{ width: size, height: size }}>
      {initials}
    </span>
  );
}
