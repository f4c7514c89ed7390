def hello() -> str:
    return "Hello from uv-docker-example!"
