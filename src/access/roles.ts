/**
 * @module access/roles
 * The roles of the API's users and what each stands for. Each role sees only what it must
 * (DESIGN.md, "Reliability and security"):
 *  - `admin` adds users and registers employers; reads everything, the audit log included;
 *  - `fund_officer` runs the fund's daily work: registrations, declarations, payments;
 *  - `supervisor` oversees the officers: reads every employer and member, checks the ledger;
 *  - `employer` is tied to one employer and sees only its own workers, declarations and account;
 *  - `member` is tied to one member and sees only their own insurance record;
 *  - `council_analyst` (the Council's policy lab) sees aggregates only, never a person;
 *  - `auditor` reads everything, the audit log included, and writes nothing.
 */
import { ROLES, type Role } from '../db/schema.js';

export { ROLES, type Role };

/**
 * The fund's own staff. When one of them opens a person's record or an employer's list of
 * workers, the API writes an audit row (action `view`), so who looked at whom is on record.
 */
export const STAFF_ROLES: readonly Role[] = ['admin', 'fund_officer', 'supervisor', 'auditor'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isStaff(role: Role): boolean {
  return STAFF_ROLES.includes(role);
}
