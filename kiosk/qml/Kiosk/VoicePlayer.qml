pragma ComponentBehavior: Bound
import QtQuick
import QtMultimedia
import Kiosk.Backend

// The one player, loaded only while a voice plays (Main.qml): plays what Listening
// names, tells it the position, and fades out when it stops. Not in qmldir: loaded by
// its file, so that Qt Multimedia is never loaded where no portrait has a voice.
Item {
    id: voice
    property Listening listening: null

    MediaPlayer {
        id: player
        source: voice.listening ? voice.listening.source : ""
        audioOutput: AudioOutput { id: output; volume: voice.listening ? voice.listening.volume : 0 }
        onPositionChanged: if (voice.listening) voice.listening.reportPosition(player.position)
        onMediaStatusChanged: if (player.mediaStatus === MediaPlayer.EndOfMedia && voice.listening) voice.listening.reportEnded()
        onErrorOccurred: (error, message) => { if (voice.listening) voice.listening.reportError(message) }
        onSourceChanged: voice.follow()
    }

    NumberAnimation {
        id: fade
        target: output
        property: "volume"
        to: 0
        duration: voice.listening ? voice.listening.fadeMs : 0
        onFinished: {
            player.stop()
            if (voice.listening) voice.listening.reportStopped()
        }
    }

    function follow() {
        if (!listening || player.source.toString() === "")
            return
        if (listening.state === "playing") {
            fade.stop()
            output.volume = Qt.binding(() => voice.listening ? voice.listening.volume : 0)
            player.play()
        } else if (listening.state === "paused") {
            player.pause()
        } else if (listening.state === "stopping") {
            fade.start()
        }
    }

    Connections {
        target: voice.listening
        function onStateChanged() { voice.follow() }
    }
    onListeningChanged: follow()
}
