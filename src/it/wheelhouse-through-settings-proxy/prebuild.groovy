// An open index with privlib, and an authenticating forward proxy in front of it (proxyuser / Pr0xy:pw#1)
import io.github.sparkwheel.it.ForwardProxy
import io.github.sparkwheel.it.ItServers

ItServers.startPrivlibIndex(basedir, null, null)
def proxy = new ForwardProxy('proxyuser', 'Pr0xy:pw#1')
ItServers.keep(basedir.path, 'proxy', proxy)
def settings = { String nonProxyHosts -> """<?xml version="1.0" encoding="UTF-8"?>
<settings>
  <proxies>
    <proxy>
      <id>corp-proxy</id>
      <active>true</active>
      <protocol>http</protocol>
      <host>127.0.0.1</host>
      <port>${proxy.port()}</port>
      <username>proxyuser</username>
      <password>Pr0xy:pw#1</password>
      <nonProxyHosts>${nonProxyHosts}</nonProxyHosts>
    </proxy>
  </proxies>
</settings>
""" }
new File(basedir, 'proxy-settings.xml').text = settings('*.corp.example|localhost')
new File(basedir, 'direct-settings.xml').text = settings('*.corp.example|127.0.0.1')
return true
