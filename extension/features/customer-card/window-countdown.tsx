import { useEffect, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { formatCountdown } from '../../lib/format';

/** The 24-hour customer service window: open with the time left (ticking), or closed. */
export function WindowCountdown({ open, expiresAt }: { open: boolean; expiresAt: number | null }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!open || expiresAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [open, expiresAt]);
  const left = expiresAt === null ? 0 : expiresAt - now;
  const isOpen = open && left > 0;
  return (
    <span className={`badge ${isOpen ? 'good' : ''}`} data-testid="window-status" data-open={isOpen ? 'true' : 'false'}>
      {isOpen ? t('customer.windowOpen', { left: formatCountdown(left) }) : t('customer.windowClosed')}
    </span>
  );
}
