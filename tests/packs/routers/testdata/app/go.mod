module example.com/routers

go 1.24

require (
	github.com/emicklei/go-restful/v3 v3.14.0
	github.com/go-chi/chi/v5 v5.5.0
	github.com/gorilla/mux v1.8.1
	github.com/julienschmidt/httprouter v1.3.0
)
