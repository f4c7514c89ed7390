import fastapi
app = fastapi.FastAPI()
