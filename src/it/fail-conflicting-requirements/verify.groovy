def log = new File(basedir, 'build.log').text
assert log =~ /The job's requirements conflict: Cannot install .* because these package versions have conflicting dependencies\. The conflict is caused by: liba 1\.0 depends on libc==1\.0; libb 1\.0 depends on libc==2\.0; Change the versions so that one set satisfies them all/ : log
return true
