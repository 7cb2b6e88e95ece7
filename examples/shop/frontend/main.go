// Command frontend is the shop's web front: it answers people in plain text
// and asks the backend service (-backend URL) for products and orders.
//
//	GET  /shop/{id}              a product with its price quote
//	POST /buy/{id}?quantity=N    places an order
//	GET  /shop/{id}/reviews      the backend fails this one: 502
//	GET  /shop/{id}/photo/{n}    a bug: panics for n >= 2 (net/http recovers)
//
// It is ordinary code: nothing here knows about tracing.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"
)

type product struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Cents int    `json:"cents"`
	Stock int    `json:"stock"`
}

type frontend struct {
	backend string // base URL
	client  *http.Client
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address")
	backend := flag.String("backend", "", "the backend's base URL")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("frontend: ")
	if *backend == "" {
		log.Fatal("-backend is required")
	}
	f := &frontend{backend: *backend, client: &http.Client{Timeout: 5 * time.Second}}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /shop/{id}", f.showProduct)
	mux.HandleFunc("POST /buy/{id}", f.buy)
	mux.HandleFunc("GET /shop/{id}/reviews", f.reviews)
	mux.HandleFunc("GET /shop/{id}/photo/{n}", f.photo)

	// Watch the signals before saying we are up: whoever starts us may stop
	// us right away.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("frontend: listening on http://%s\n", ln.Addr())
	srv := &http.Server{Handler: mux}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Fatal(err)
		}
	}()
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(shutdownCtx)
	fmt.Println("frontend: stopped")
}

// product asks the backend for one product, with the request's context.
func (f *frontend) product(ctx context.Context, id string) (product, int, error) {
	var p product
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.backend+"/products/"+id, nil)
	if err != nil {
		return p, 0, err
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return p, 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return p, resp.StatusCode, fmt.Errorf("backend: %s", resp.Status)
	}
	return p, resp.StatusCode, json.NewDecoder(resp.Body).Decode(&p)
}

func (f *frontend) showProduct(w http.ResponseWriter, r *http.Request) {
	p, code, err := f.product(r.Context(), r.PathValue("id"))
	if code == http.StatusNotFound {
		http.Error(w, "no such product", http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	total := quote(r.Context(), p, 1)
	fmt.Fprintf(w, "%s: %s incl. VAT, %d in stock\n", p.Name, euros(total), p.Stock)
}

// quote is the price of quantity items, VAT included.
//
//orch:span span.name:price-quote shop.component:pricing shop.currency:EUR
func quote(ctx context.Context, p product, quantity int) int {
	return p.Cents * quantity * 120 / 100
}

func euros(cents int) string { return fmt.Sprintf("%d.%02d EUR", cents/100, cents%100) }

func (f *frontend) buy(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	quantity, err2 := strconv.Atoi(r.URL.Query().Get("quantity"))
	if err != nil || err2 != nil {
		http.Error(w, "bad product or quantity", http.StatusBadRequest)
		return
	}
	body, _ := json.Marshal(map[string]int{"product": id, "quantity": quantity})
	// http.Post takes no context: the call still belongs to this request.
	resp, err := http.Post(f.backend+"/orders", "application/json", bytes.NewReader(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	var out struct{ Order string }
	switch resp.StatusCode {
	case http.StatusCreated:
		json.NewDecoder(resp.Body).Decode(&out)
		fmt.Fprintf(w, "order %s placed\n", out.Order)
	case http.StatusConflict:
		http.Error(w, "sorry, out of stock", http.StatusConflict)
	default:
		http.Error(w, "backend: "+resp.Status, http.StatusBadGateway)
	}
}

func (f *frontend) reviews(w http.ResponseWriter, r *http.Request) {
	req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, f.backend+"/products/"+r.PathValue("id")+"/reviews", nil)
	resp, err := f.client.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		http.Error(w, "reviews: backend answered "+resp.Status, http.StatusBadGateway)
		return
	}
	io.Copy(w, resp.Body)
}

var photos = map[string][]string{"1": {"teapot-front.jpg", "teapot-side.jpg"}}

// photo has a bug: it trusts n.
func (f *frontend) photo(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	fmt.Fprintln(w, photos[r.PathValue("id")][n])
}
