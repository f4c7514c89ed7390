module selfhosted

go 1.24.3

require github.com/go-chi/chi/v5 v5.2.1
