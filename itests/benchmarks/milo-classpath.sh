# Sourced by benchmark scripts that run Milo outside OSGi. Needs ROOT (repository root) and REPO (Maven
# repository); sets V, SLF4J and MILO_CP: the Milo wrapper, Netty, BouncyCastle and slf4j-api jars.
V=0.1.0-SNAPSHOT
NETTY=$(grep -o '<netty.version>[^<]*' "$ROOT/target-platform/bom/pom.xml" | cut -d'>' -f2)
BC=$(grep -o '<bouncycastle.version>[^<]*' "$ROOT/target-platform/bom/pom.xml" | cut -d'>' -f2)
SLF4J=$(ls "$REPO"/org/slf4j/slf4j-api/ | sort -V | tail -1)
MILO_CP="$REPO/dev/continuum/dev.continuum.wrap.milo/$V/dev.continuum.wrap.milo-$V.jar"
for m in common buffer resolver transport transport-native-unix-common codec handler; do
  MILO_CP="$MILO_CP:$REPO/io/netty/netty-$m/$NETTY/netty-$m-$NETTY.jar"; done
for b in bcprov bcutil bcpkix; do MILO_CP="$MILO_CP:$REPO/org/bouncycastle/$b-jdk18on/$BC/$b-jdk18on-$BC.jar"; done
MILO_CP="$MILO_CP:$REPO/org/slf4j/slf4j-api/$SLF4J/slf4j-api-$SLF4J.jar"
