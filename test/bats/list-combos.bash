# Option combinations compared between ndtool list and ndctl list (filters x includes x
# -u x -v levels). Sourced by the list-*.bats files.
LIST_COMBOS=(
	"" "-B" "-D" "-R" "-N" "-X" "-C" "-F" "-H" "-M" "-i" "-c" "-u"
	"-v" "-vv" "-vvv" "-vvv -u" "-v -u"
	"-DH" "-DF" "-DHu" "-DHF" "-Dv" "-Di"
	"-RC" "-Rv" "-Ru" "-Ri" "-RN" "-RNu" "-RNi" "-RNc" "-RX" "-RD" "-RDu" "-RNM"
	"-Ni" "-Nc" "-NM" "-Nv" "-NX" "-NXu" "-Nu"
	"-BN" "-BD" "-BR" "-BDRN" "-BDRNu" "-BDRNHFXCMiu" "-BNi" "-BRi"
	"-DRN" "-DN" "-DRNu"
	"-r 0" "-r region0 -N" "-r region1 -RN" "-r all -R"
	"-d nmem0" "-d nmem0 -R" "-d nmem1 -N" "-d 0 -RD"
	"-n namespace0.0" "-n 0.0 -R" "-b 0 -N" "-b all -D" "-b 0"
	"-m fsdax" "-m devdax" "-m devdax -X" "-m sector -R" "-m raw -RN" "-m memory"
	"-t pmem -R" "-t pmem" "-U 0" "-U 0 -R" "-U 1 -RN"
)

# A quicker set (every object class, filter and detail option at least once) for the
# states where the full matrix adds nothing new.
LIST_COMBOS_SHORT=(
	"" "-B" "-D" "-R" "-N" "-X" "-i" "-u" "-v" "-vv" "-vvv -u"
	"-DH" "-DF" "-RC" "-RN" "-RNi" "-RNc" "-RD" "-Nc" "-NXu" "-BDRNHFXCMiu"
	"-r 0" "-d nmem0 -R" "-n namespace0.0" "-b 0 -N" "-m fsdax" "-m devdax -X"
	"-t pmem -R" "-U 0 -R"
)
