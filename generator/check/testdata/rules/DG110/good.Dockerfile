FROM debian:12-slim AS build
USER root
RUN echo built > /out
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out /out
