import { sql, type Kysely, type Transaction } from "kysely";

// Reminders and summaries go to users' email addresses, so no two users may share one, in any capitals.
// Installations may already hold shared ones: each address stays with one user (an active account before
// a deactivated one, which is sent nothing; then the oldest account, the likelier to have had it first), and
// is cleared from the others, each with an audit row keeping the address so an admin can put it right.
export async function up(db: Kysely<any>): Promise<void> {
  // PostgreSQL's migrator runs each migration in a transaction; SQLite's does not, so make one here.
  if (db.isTransaction) await clearSharedEmails(db);
  else await db.transaction().execute(clearSharedEmails);
  await db.schema
    .createIndex("users_email_unique")
    .on("users")
    .expression(sql`lower(email)`)
    .unique()
    .where(sql.ref("email"), "is not", null)
    .execute();
}

async function clearSharedEmails(db: Kysely<any> | Transaction<any>) {
  // Grouped by the index's own expression, so exactly what it would refuse is cleared.
  const rows = (
    await sql<{ id: number; email: string; establishment_id: number | null; key: string }>`
      select u.id, u.email, u.establishment_id, lower(u.email) as key from users u
      where lower(u.email) in (
        select lower(email) from users where email is not null group by lower(email) having count(*) > 1)
      order by lower(u.email), case when u.active then 0 else 1 end, u.id`.execute(db)
  ).rows;
  const at = new Date().toISOString();
  const keeper = new Map<string, number>(); // the first row of each address, in the order above
  for (const row of rows) {
    const keptBy = keeper.get(row.key);
    if (keptBy === undefined) {
      keeper.set(row.key, row.id);
      continue;
    }
    await sql`update users set email = null, updated_at = ${at}, row_version = row_version + 1
      where id = ${row.id}`.execute(db);
    await db
      .insertInto("audit_events")
      .values({
        at,
        actor_user_id: null,
        action: "user.email_cleared",
        subject_user_id: row.id,
        establishment_id: row.establishment_id,
        details: JSON.stringify({ email: row.email, keptBy, reason: "shared" }),
        request_id: null,
      })
      .execute();
  }
}
