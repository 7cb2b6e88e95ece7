// A program serving one router per subcommand (chi, mux, httprouter,
// restful) on 127.0.0.1, printing "ready ADDR" once it listens, until
// SIGTERM. Every handler answers its router's route template, so the test
// sees what the router matched. /panic panics, for the routers' recovery.
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"

	restful "github.com/emicklei/go-restful/v3"
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/gorilla/mux"
	"github.com/julienschmidt/httprouter"
)

func text(s string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, s) }
}

func boom(w http.ResponseWriter, r *http.Request) { panic("boom") }

func boomRestful(req *restful.Request, resp *restful.Response) { panic("boom") }

func chiRouter() http.Handler {
	r := chi.NewRouter()
	r.Get("/users/{id}", text("users"))
	r.Get("/files/*", text("files"))
	r.Route("/api", func(r chi.Router) {
		r.Get("/items/{item}", text("items"))
		r.Route("/v1/{version}", func(r chi.Router) {
			r.Get("/things/{thing}", text("things"))
		})
	})
	admin := chi.NewRouter()
	admin.Get("/stats/{n}", text("stats"))
	r.Mount("/admin", admin)
	r.Mount("/static", http.StripPrefix("/static", text("static"))) // not a router: "/static/*" is the route
	r.Group(func(r chi.Router) {
		r.Use(middleware.Recoverer)
		r.Get("/panic", boom)
	})
	r.With(middleware.NoCache).Get("/grouped/{g}", text("grouped"))
	return r
}

func muxRouter() http.Handler {
	r := mux.NewRouter()
	r.HandleFunc("/users/{id}", text("users")).Methods("GET")
	api := r.PathPrefix("/api").Subrouter()
	api.HandleFunc("/items/{item}", text("items")).Methods("GET")
	api.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound) // matched through the PathPrefix route: still no route
	})
	v1 := api.PathPrefix("/v1/{version}").Subrouter()
	v1.HandleFunc("/things/{thing}", text("things"))
	return r
}

func httprouterRouter() http.Handler {
	r := httprouter.New()
	r.GET("/users/:id", func(w http.ResponseWriter, req *http.Request, _ httprouter.Params) { fmt.Fprint(w, "users") })
	r.GET("/files/*path", func(w http.ResponseWriter, req *http.Request, _ httprouter.Params) { fmt.Fprint(w, "files") })
	r.HandlerFunc("GET", "/api/items/:item", text("items"))
	r.HandlerFunc("GET", "/panic", boom)
	r.PanicHandler = func(w http.ResponseWriter, req *http.Request, v interface{}) {
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, "recovered")
	}
	return r
}

func restfulContainer() http.Handler {
	c := restful.NewContainer()
	ws := new(restful.WebService)
	ws.Path("/api")
	ws.Route(ws.GET("/users/{id}").To(func(req *restful.Request, resp *restful.Response) {
		resp.Write([]byte("users"))
	}))
	ws.Route(ws.GET("/files/{path:*}").To(func(req *restful.Request, resp *restful.Response) {
		resp.Write([]byte("files"))
	}))
	ws.Route(ws.GET("/panic").To(boomRestful))
	c.Add(ws)
	c.DoNotRecover(false) // the Container recovers panics (500)
	root := new(restful.WebService)
	root.Route(root.GET("/ping").To(func(req *restful.Request, resp *restful.Response) {
		resp.Write([]byte("ping"))
	}))
	c.Add(root)

	// A Container that does not recover (the default): net/http's span
	// records the panic, and the connection is closed.
	raw := restful.NewContainer()
	rws := new(restful.WebService)
	rws.Path("/raw")
	rws.Route(rws.GET("/panic").To(boomRestful))
	raw.Add(rws)

	mux := http.NewServeMux()
	mux.Handle("/", c)
	mux.Handle("/raw/", raw)
	return mux
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: app chi|mux|httprouter|restful")
		os.Exit(2)
	}
	var h http.Handler
	switch os.Args[1] {
	case "chi":
		h = chiRouter()
	case "mux":
		h = muxRouter()
	case "httprouter":
		h = httprouterRouter()
	case "restful":
		h = restfulContainer()
	default:
		fmt.Fprintln(os.Stderr, "unknown router", os.Args[1])
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println("ready", ln.Addr())
	http.Serve(ln, h)
}
