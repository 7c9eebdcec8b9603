import { useEffect } from 'react';
import { useServices } from '../../lib/services';
import { usePanelStore } from '../../store';
import { loadContact } from './load-contact';

/** Digits enough to be a phone number; shorter input is still being typed. */
export const looksDialable = (text: string): boolean => text.replace(/\D/g, '').length >= 7;

/**
 * Fetches the contact whenever the phone changes: at once for a number read from the ticket, after
 * a short pause while the agent is typing one. Also once the connection (re)appears.
 */
export function useContactLoader() {
  const { api } = useServices();
  const phone = usePanelStore((s) => s.phoneInput.trim());
  const source = usePanelStore((s) => s.phoneSource);
  const connected = usePanelStore((s) => s.connection === 'connected');
  useEffect(() => {
    if (!connected || !looksDialable(phone)) return;
    const timer = setTimeout(() => void loadContact(api, usePanelStore, phone), source === 'agent' ? 400 : 0);
    return () => clearTimeout(timer);
  }, [api, phone, source, connected]);
}
