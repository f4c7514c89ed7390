port ENV.fetch("PORT") { 3000 }
threads 5, 5
