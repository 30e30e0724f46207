using System.Globalization;

namespace Translator.LoadDriver;

/// <summary>
/// nginx as a plain reverse proxy, the baseline for the translator's hop: the least a second HTTP
/// hop on this machine costs when it is done by a proxy built for nothing else.
/// </summary>
internal static class NginxConfig
{
    /// <summary>The nginx executable on the PATH (or where Debian puts it), or null.</summary>
    public static string? FindNginx() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/sbin")
            .Select(folder => Path.Combine(folder, "nginx"))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// In the foreground, one worker per core (as the translator's thread pool has), on
    /// 127.0.0.1:<paramref name="port"/>; keep-alive connections to the upstream, as the
    /// translator's HttpClient keeps them; no buffering of answers, so streams flow as they come.
    /// No access log: the translator writes no line per request either. Everything it writes
    /// (error log, pid file, temporary files) stays in <paramref name="folder"/>.
    /// </summary>
    public static string Render(string folder, int port, int upstreamPort)
    {
        var f = folder.TrimEnd('/');
        // As root, workers would run as nobody, who cannot enter the temporary folder.
        var user = Environment.UserName == "root" ? "user root;" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $$"""
            daemon off;
            {{user}}
            worker_processes auto;
            worker_rlimit_nofile 65536;
            pid {{f}}/nginx.pid;
            error_log {{f}}/error.log warn;
            events {
                worker_connections 16384;
            }
            http {
                access_log off;
                client_body_temp_path {{f}}/client_body;
                proxy_temp_path {{f}}/proxy;
                fastcgi_temp_path {{f}}/fastcgi;
                uwsgi_temp_path {{f}}/uwsgi;
                scgi_temp_path {{f}}/scgi;
                upstream scripted {
                    server 127.0.0.1:{{upstreamPort}};
                    keepalive 512;
                    keepalive_requests 1000000;
                }
                server {
                    listen 127.0.0.1:{{port}} backlog=4096;
                    keepalive_requests 1000000;
                    location / {
                        proxy_pass http://scripted;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_buffering off;
                        proxy_read_timeout 120s;
                    }
                }
            }
            """);
    }
}
