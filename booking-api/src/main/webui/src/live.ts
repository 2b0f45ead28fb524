import { useEffect, useState } from 'react';

/**
 * Live availability per tier id, from the SSE stream (snapshot first, then changes): of every concert, or of
 * one if `concertId` is given; `null` opens no stream (the concert is not known yet).
 */
export function useLiveAvailability(concertId?: string | null): Record<string, number> {
  const [available, setAvailable] = useState<Record<string, number>>({});
  useEffect(() => {
    if (concertId === null) return;
    const source = new EventSource(concertId ? `/api/concerts/stream?concertId=${encodeURIComponent(concertId)}` : '/api/concerts/stream');
    source.addEventListener('snapshot', e => {
      const snapshot = JSON.parse((e as MessageEvent).data) as { tiers: { ticketTierId: string; availableQuantity: number }[] };
      setAvailable(Object.fromEntries(snapshot.tiers.map(t => [t.ticketTierId, t.availableQuantity])));
    });
    source.addEventListener('availability', e => {
      const change = JSON.parse((e as MessageEvent).data) as { ticketTierId: string; availableQuantity: number };
      setAvailable(current => ({ ...current, [change.ticketTierId]: change.availableQuantity }));
    });
    return () => source.close();
  }, [concertId]);
  return available;
}
