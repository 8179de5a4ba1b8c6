import type { SeatView } from '../api/schemas/classes';

/** What the console server asks the classroom about its seats (core's ClassService answers). */
export interface ClassSeats {
  /** The seat a join code opens and the grant its sessions are bound to; null for a wrong, revoked or ended one. */
  seatOfCode(code: string): { seatId: string; grant: string } | null;
  /** Whether a session minted from this grant still speaks for its seat (not revoked, not re-issued, class not ended). */
  grantValid(g: { seatId: string; grant: string }): boolean;
  /** The ownership recorded in SQLite. */
  owns(seatId: string, labId: string): boolean;
  /** Records a new lab of the seat before it is made; false when the name is another seat's. */
  claim(seatId: string, labId: string): boolean;
  classOfSeat(seatId: string): string | undefined;
  /** The seat SQLite records as the lab's owner. */
  ownerOfLab(labId: string): string | undefined;
  seatView(seatId: string): SeatView;
  /** The trainer started (+1) or stopped (-1) watching a terminal of the seat. */
  watching(seatId: string, delta: 1 | -1): void;
  /** A trainee opened its link: its lab starts if it has none yet (the seats not pre-warmed). */
  joined(seatId: string): void;
}
