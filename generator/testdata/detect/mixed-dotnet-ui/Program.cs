var app = WebApplication.Create(args);
