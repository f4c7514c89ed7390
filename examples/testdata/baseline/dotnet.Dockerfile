# The naive baseline for the .NET example (see go.Dockerfile): single stage on
# the full SDK image, root user, ADD, no separate restore step and no cache
# mounts, so every change restores and recompiles everything, and the SDK,
# the sources and obj/ ship in the image. Never use this.
FROM mcr.microsoft.com/dotnet/sdk:8.0-bookworm-slim
WORKDIR /app
ADD . /app
RUN dotnet publish src/HelloDotnet/HelloDotnet.csproj -c Release -o /app/out
EXPOSE 8080
CMD ["dotnet", "/app/out/hello-dotnet.dll"]
