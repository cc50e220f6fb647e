import "server-only";
// Which contact methods a user's page goes to, and when (GoAlert's notification rules, issue 13):
// "method M, N minutes after I am paged". A method is usable when verified and not disabled. A user
// with no rule on a usable method gets every usable method at delay 0, so a page never reaches
// nobody just because the rules point at a method that was since disabled.

export type MethodForRules = { id: string; userId: string | null; verifiedAt: Date | null; disabledAt: Date | null };
export type RuleForRules = { userId: string; contactMethodId: string; delayMinutes: number };
export type EffectiveRule = { userId: string; methodId: string; delayMinutes: number };

export const usableMethod = (m: MethodForRules) => m.verifiedAt !== null && m.disabledAt === null;

/** Effective (user, method, delay) triples, ordered by user, delay, method id (deterministic). */
export function effectiveRules(methods: readonly MethodForRules[], rules: readonly RuleForRules[]): EffectiveRule[] {
  const usable = methods.filter(usableMethod);
  const usableIds = new Set(usable.map((m) => m.id));
  const users = [...new Set(usable.map((m) => m.userId).filter((u): u is string => u !== null))];
  const out: EffectiveRule[] = [];
  for (const userId of users) {
    const own = rules.filter((r) => r.userId === userId && usableIds.has(r.contactMethodId));
    const picked = own.length
      ? own.map((r) => ({ userId, methodId: r.contactMethodId, delayMinutes: r.delayMinutes }))
      : usable.filter((m) => m.userId === userId).map((m) => ({ userId, methodId: m.id, delayMinutes: 0 }));
    const seen = new Set<string>();
    for (const p of picked) {
      const key = `${p.methodId}:${p.delayMinutes}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out.sort(
    (a, b) =>
      a.userId.localeCompare(b.userId) || a.delayMinutes - b.delayMinutes || a.methodId.localeCompare(b.methodId),
  );
}
