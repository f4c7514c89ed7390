run ->(env) { env["PATH_INFO"] == "/up" ? [200, {}, ["ok"]] : [200, {}, ["hello"]] }
