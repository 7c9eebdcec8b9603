/**
 * Small line icons drawn as SVG, so they look the same everywhere (emoji depend on the system's
 * fonts, and some Linux machines have none).
 */
const PATHS = {
  calendar: 'M3 5h14v12H3zM3 8h14M7 3v4M13 3v4',
  pin: 'M10 18s6-5.5 6-10a6 6 0 0 0-12 0c0 4.5 6 10 6 10zM10 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  image: 'M3 4h14v12H3zM3 13l4-4 4 4 2-2 4 4M13 8h.01',
  video: 'M3 5h10v10H3zM13 9l4-2v6l-4-2',
  document: 'M5 2h7l4 4v12H5zM12 2v4h4M8 10h6M8 13h6',
  link: 'M8 12l4-4M9 5l1-1a3.5 3.5 0 0 1 5 5l-1 1M11 15l-1 1a3.5 3.5 0 0 1-5-5l1-1',
  phone: 'M4 3h3l2 4-2 1a9 9 0 0 0 5 5l1-2 4 2v3a2 2 0 0 1-2 2A14 14 0 0 1 2 5a2 2 0 0 1 2-2z',
  copy: 'M7 7h9v10H7zM4 13V3h9',
  reply: 'M8 5L3 10l5 5M3 10h9a5 5 0 0 1 5 5v1',
  clock: 'M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16zM10 6v4l3 2',
  alert: 'M10 3l8 14H2zM10 8v4M10 14.5v.01',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d={PATHS[name]} />
    </svg>
  );
}
