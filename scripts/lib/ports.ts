// TCP port helpers: pick free ports for servers started by Sigap and its tests, check a port is free.
import net from 'node:net';

/** Returns a TCP port that is free on `host` right now (the OS picks it; there is a small race until it is used). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const [port] = await freePorts(1, host);
  return port as number;
}

/**
 * Returns `count` distinct free TCP ports on `host`. All are held open together while picking, so
 * the ports differ from each other; they are released before this resolves.
 */
export async function freePorts(count: number, host = '127.0.0.1'): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      ports.push(await listen(server, 0, host));
    }
    return ports;
  } finally {
    await Promise.all(servers.map(closeServer));
  }
}

/** True when a TCP listener could bind `port` on `host` now. */
export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  const server = net.createServer();
  try {
    await listen(server, port, host);
    return true;
  } catch {
    return false;
  } finally {
    await closeServer(server);
  }
}

function listen(server: net.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      const addr = server.address();
      if (addr && typeof addr === 'object') resolve(addr.port);
      else reject(new Error(`could not read the port bound on ${host}`));
    });
  });
}

function closeServer(server: net.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
  });
}
