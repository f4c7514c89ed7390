# Modelled on dotnet/dotnet-docker's self-contained chiseled samples: the
# -extra chiseled runtime-deps image (ICU and tzdata), with the app user
# named through the image's own APP_UID variable.
FROM mcr.microsoft.com/dotnet/sdk:9.0-noble AS build
WORKDIR /source
COPY aspnetapp/*.csproj .
RUN dotnet restore --use-current-runtime
COPY aspnetapp/. .
RUN dotnet publish --use-current-runtime --self-contained true --no-restore -o /app

FROM mcr.microsoft.com/dotnet/runtime-deps:9.0-noble-chiseled-extra
WORKDIR /app
COPY --from=build /app .
USER ${APP_UID}
HEALTHCHECK NONE
ENTRYPOINT ["./aspnetapp"]
