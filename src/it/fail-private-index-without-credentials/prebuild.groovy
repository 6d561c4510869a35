// The company's index: privlib, behind a login (ana / Pa55:w@rd!)
io.github.sparkwheel.it.ItServers.startPrivlibIndex(basedir, 'ana', 'Pa55:w@rd!')
return true
