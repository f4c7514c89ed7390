# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command", "$ErrorActionPreference = 'Stop';"]
RUN Invoke-WebRequest -OutFile C:\app.zip -Uri http://example.com/app.zip
WORKDIR C:\app
USER ContainerAdministrator
ENTRYPOINT ["C:\\app\\server.exe"]
