from mcp.server import Server
from mcp.server.stdio import stdio_server

DEFAULT_USER_AGENT_AUTONOMOUS = "ModelContextProtocol/1.0 (Autonomous; +https://github.com/modelcontextprotocol/servers)"


async def serve(custom_user_agent=None, ignore_robots_txt=False, proxy_url=None) -> None:
    server = Server("mcp-fetch")
    options = server.create_initialization_options()
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, options, raise_exceptions=True)
