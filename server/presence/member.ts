/** A user online on a board; one entry per user however many sockets they have. */
export interface Member {
  userId: string;
  name: string;
}

/** By name, then user id: the order every presence list is sent in. */
export function sortMembers(members: Member[]): Member[] {
  return members.sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}

/** What turns `before` into `after`: members new or renamed (joined) and members gone (left), each sorted. */
export function diffMembers(
  before: ReadonlyMap<string, Member>,
  after: ReadonlyMap<string, Member>,
): { joined: Member[]; left: Member[] } {
  const joined: Member[] = [];
  const left: Member[] = [];
  for (const member of after.values()) if (before.get(member.userId)?.name !== member.name) joined.push(member);
  for (const member of before.values()) if (!after.has(member.userId)) left.push(member);
  return { joined: sortMembers(joined), left: sortMembers(left) };
}
