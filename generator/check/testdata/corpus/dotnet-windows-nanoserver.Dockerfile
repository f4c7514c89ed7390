# escape=`
# Modelled on dotnet/dotnet-docker samples/aspnetapp/Dockerfile.nanoserver:
# a Windows container, out of check's scope.
ARG TAG=ltsc2022
FROM mcr.microsoft.com/dotnet/sdk:10.0-nanoserver-$TAG AS build
WORKDIR /source
COPY aspnetapp/*.csproj .
RUN dotnet restore --ucr
COPY aspnetapp/. .
RUN dotnet publish --ucr --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-nanoserver-$TAG
WORKDIR /app
COPY --from=build /app .
ENTRYPOINT ["aspnetapp"]
