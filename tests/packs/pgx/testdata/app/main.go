// A program that uses pgx v5's own API and pgx/stdlib against the
// PostgreSQL server named by its argument (a DSN), inside a span of its own.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib"
)

// userTracer is the program's own tracer: orch must hand it every call.
type userTracer struct{ starts, ends int }

func (t *userTracer) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	t.starts++
	return ctx
}
func (t *userTracer) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) { t.ends++ }

func main() {
	if err := work(context.Background(), os.Args[1]); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("ok")
}

//orch:span span.name:work
func work(ctx context.Context, dsn string) error {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return err
	}
	mine := &userTracer{}
	cfg.Tracer = mine
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if conn.Config().Tracer != mine { // the config the program gave, not orch's wrapper
		return fmt.Errorf("Config().Tracer is %T, not the program's", conn.Config().Tracer)
	}
	if _, err := conn.Exec(ctx, "DROP TABLE IF EXISTS items"); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE items (id int, name text)"); err != nil {
		return err
	}
	rows, err := conn.Query(ctx, "SELECT id FROM items WHERE id > $1", 0)
	if err != nil {
		return err
	}
	for rows.Next() {
	}
	rows.Close()
	var n int
	if err := conn.QueryRow(ctx, "SELECT 1 + $1::int", 1).Scan(&n); err != nil || n != 2 {
		return fmt.Errorf("queryrow: %d %v", n, err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "INSERT INTO items VALUES ($1, $2)", 1, "one"); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	b := &pgx.Batch{}
	b.Queue("INSERT INTO items VALUES (2, 'two')")
	b.Queue("INSERT INTO items VALUES (3, 'three')")
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		return err
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"items"}, []string{"id", "name"},
		pgx.CopyFromRows([][]any{{4, "four"}, {5, "five"}})); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, "SELECT * FROM no_such_table"); err == nil {
		return fmt.Errorf("a query of a missing table succeeded")
	}
	if mine.starts == 0 || mine.starts != mine.ends {
		return fmt.Errorf("the program's tracer saw %d starts and %d ends", mine.starts, mine.ends)
	}

	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM items").Scan(&n); err != nil || n != 5 {
		return fmt.Errorf("pool: %d %v", n, err)
	}

	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.QueryRowContext(ctx, "SELECT name FROM items WHERE id = $1", 1).Scan(new(string))
}
