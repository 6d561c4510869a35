def log = new File(basedir, 'build.log').text
// the requirement as the wheel's metadata spells it ('textlib ==0.3', or 'textlib (==0.3)' from older setuptools)
assert log =~ /The wheelhouse lacks a dependency the job needs: wordjob 1\.0\.0 requires 'textlib \(?==0\.3\)?', which is not in the wheelhouse; textlib, importing wordjob\.main \(ModuleNotFoundError: No module named 'textlib'\)/
assert log.contains('Add it to the project\'s dependencies, its requirements.txt or <extraDistributions>')
return true
