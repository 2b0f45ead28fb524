package com.tickets.api.waitlist;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who gets an offer when tickets come back, as a pure function.
 *
 * <p>The entries are served in the order they joined. The first entry whose quantity can be met from
 * what is left gets an offer for all of it; an entry that wants more than is left is passed over for
 * this round and keeps its place, and the next one that fits is served; when no waiting entry fits,
 * whatever is left goes back on public sale.
 *
 * <p>Why an entry that wants more than came back does not hold the tickets until enough have gathered:
 * a return of one ticket would then stay off sale, unsold and unseen by anybody, for as long as the
 * first entry of four waits, which may be until the show. Passing over it sells every returned ticket
 * at once to someone who asked for that many, and the entry still comes first whenever enough come
 * back together (a cancelled booking of four, a raised capacity). Offering fewer than asked is not done
 * either: a buyer who wants four seats together for a family has not asked for one.
 */
final class OfferRule {

    private OfferRule() {
    }

    /** A waiting entry, in the order of joining. */
    record Waiting(UUID entryId, int quantity) {
    }

    /** What one round of returned tickets does: the entries offered, in order, and what goes on sale. */
    record Round(List<Waiting> offered, int leftForSale) {
        int offeredQuantity() {
            return offered.stream().mapToInt(Waiting::quantity).sum();
        }
    }

    /**
     * @param available the tickets not held by anybody (the public availability, returned ones included)
     * @param inOrder   the waiting entries in the order they joined
     */
    static Round offer(int available, List<Waiting> inOrder) {
        if (available < 0) {
            throw new IllegalArgumentException("available must not be negative: " + available);
        }
        List<Waiting> offered = new ArrayList<>();
        int left = available;
        for (Waiting entry : inOrder) {
            if (left == 0) {
                break;
            }
            if (entry.quantity() <= left) {
                offered.add(entry);
                left -= entry.quantity();
            }
        }
        return new Round(List.copyOf(offered), left);
    }
}
