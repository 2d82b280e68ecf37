/**
 * The counter table's Flyway migrations: {@link dev.sequences.schema.SequencesSchema} creates and
 * upgrades the table that {@code dev.sequences.jooq.GaplessSequence} increments. The Java
 * migrations in the packages below this one are loaded by Flyway; they are not API.
 *
 * <h2>What is guaranteed</h2>
 *
 * <ul>
 *   <li><b>Idempotent.</b> {@link
 *       dev.sequences.schema.SequencesSchema#migrate(javax.sql.DataSource)} applies only the
 *       migrations the table lacks and returns how many: 0 when it is current. It is meant to be
 *       called at every start-up.
 *   <li><b>A history of its own.</b> Each counter table has its own Flyway history table, never the
 *       application's, so these migrations' versions never collide with the application's.
 *   <li><b>Exact names.</b> On every supported database the table compares sequence names exactly:
 *       case, accents and trailing spaces make different sequences.
 *   <li><b>Adoption.</b> A {@code sequences_sequence} table that django-sequences created is kept
 *       with its rows and brought to this library's column types.
 *   <li><b>The server decides.</b> The migrations are chosen from the connection's metadata ({@code
 *       dev.sequences.jooq.SupportedDatabase}), whatever jOOQ dialect the application uses; an
 *       unsupported server is refused with the list of supported ones.
 * </ul>
 *
 * <h2>What is not guaranteed</h2>
 *
 * <ul>
 *   <li>Concurrent {@code migrate} calls are serialized by Flyway's own database lock: Flyway's
 *       behaviour, not tested here.
 *   <li>The data source's user needs the rights to create and alter tables (and the schema, if it
 *       is missing); the application's user needs only SELECT, INSERT, UPDATE and DELETE on the
 *       table.
 *   <li>On HSQLDB the application adds {@code org.flywaydb:flyway-database-hsqldb} itself.
 * </ul>
 *
 * <p>Null-marked: no parameter, return value or field here is null unless it is declared {@link
 * org.jspecify.annotations.Nullable @Nullable}; NullAway checks this at build time.
 */
@NullMarked
package dev.sequences.schema;

import org.jspecify.annotations.NullMarked;
