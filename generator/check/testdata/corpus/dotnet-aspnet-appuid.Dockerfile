# Modelled on dotnet/dotnet-docker samples/aspnetapp/Dockerfile (Ubuntu
# based, has a shell): USER $APP_UID is the image's non-root app user.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY aspnetapp/*.csproj .
RUN dotnet restore
COPY aspnetapp/. .
RUN dotnet publish --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
EXPOSE 8080
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
ENTRYPOINT ["dotnet", "aspnetapp.dll"]
