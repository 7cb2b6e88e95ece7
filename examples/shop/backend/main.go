// Command backend is the shop's catalog and order service: an HTTP API over
// a SQLite database (modernc.org/sqlite, a pure-Go driver).
//
//	GET  /products/{id}          one product as JSON (404 if unknown)
//	GET  /products/{id}/reviews  its reviews (the table was never created: 500)
//	POST /orders                 {"product":1,"quantity":2} -> order id (409 if out of stock)
//
// It is ordinary code: nothing here knows about tracing.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	_ "modernc.org/sqlite"
)

type product struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Cents int    `json:"cents"`
	Stock int    `json:"stock"`
}

type server struct {
	db          *sql.DB
	insertOrder *sql.Stmt
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("backend: ")

	db, err := sql.Open("sqlite", "file:shop?mode=memory&cache=shared")
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(1) // one in-memory database, one writer
	if err := seed(context.Background(), db); err != nil {
		log.Fatal(err)
	}
	insertOrder, err := db.Prepare("INSERT INTO orders (product_id, quantity) VALUES (?, ?)")
	if err != nil {
		log.Fatal(err)
	}
	s := &server{db: db, insertOrder: insertOrder}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /products/{id}", s.getProduct)
	mux.HandleFunc("GET /products/{id}/reviews", s.getReviews)
	mux.HandleFunc("POST /orders", s.postOrder)

	// Watch the signals before saying we are up: whoever starts us may stop
	// us right away.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("backend: listening on http://%s\n", ln.Addr())
	serve(ctx, &http.Server{Handler: mux}, ln)
	db.Close()
	fmt.Println("backend: stopped")
}

// serve runs srv until ctx is done (SIGINT or SIGTERM), then shuts it down
// gracefully.
func serve(ctx context.Context, srv *http.Server, ln net.Listener) {
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
	}()
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(shutdownCtx)
}

// seed creates the schema and the catalog in one transaction.
//
//orch:span span.name:seed-catalog shop.tier:backend
func seed(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE products (
		id INTEGER PRIMARY KEY, name TEXT NOT NULL, cents INTEGER NOT NULL, stock INTEGER NOT NULL)`); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE orders (
		id INTEGER PRIMARY KEY AUTOINCREMENT, product_id INTEGER NOT NULL, quantity INTEGER NOT NULL)`); err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO products (id, name, cents, stock) VALUES (?, ?, ?, ?)")
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, p := range []product{{1, "teapot", 2500, 3}, {2, "kettle", 4000, 1}, {3, "mug", 800, 12}} {
		if _, err := stmt.ExecContext(ctx, p.ID, p.Name, p.Cents, p.Stock); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (s *server) getProduct(w http.ResponseWriter, r *http.Request) {
	var p product
	err := s.db.QueryRowContext(r.Context(), "SELECT id, name, cents, stock FROM products WHERE id = ?",
		r.PathValue("id")).Scan(&p.ID, &p.Name, &p.Cents, &p.Stock)
	if errors.Is(err, sql.ErrNoRows) {
		http.Error(w, "no such product", http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *server) getReviews(w http.ResponseWriter, r *http.Request) {
	rows, err := s.db.QueryContext(r.Context(), "SELECT author, stars FROM reviews WHERE product_id = ?", r.PathValue("id"))
	if err != nil {
		log.Printf("reviews of product %s: %v", r.PathValue("id"), err)
		http.Error(w, "reviews are unavailable", http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	writeJSON(w, http.StatusOK, []string{})
}

// postOrder takes stock and records the order in one transaction.
func (s *server) postOrder(w http.ResponseWriter, r *http.Request) {
	var order struct {
		Product  int `json:"product"`
		Quantity int `json:"quantity"`
	}
	if err := json.NewDecoder(r.Body).Decode(&order); err != nil || order.Quantity <= 0 {
		http.Error(w, "bad order", http.StatusBadRequest)
		return
	}
	tx, err := s.db.BeginTx(r.Context(), nil)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer tx.Rollback() // a no-op after Commit
	res, err := tx.ExecContext(r.Context(), "UPDATE products SET stock = stock - ? WHERE id = ? AND stock >= ?",
		order.Quantity, order.Product, order.Quantity)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if n, _ := res.RowsAffected(); n == 0 {
		http.Error(w, "out of stock", http.StatusConflict)
		return
	}
	res, err = tx.StmtContext(r.Context(), s.insertOrder).ExecContext(r.Context(), order.Product, order.Quantity)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if err := tx.Commit(); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	id, _ := res.LastInsertId()
	writeJSON(w, http.StatusCreated, map[string]string{"order": strconv.FormatInt(id, 10)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
