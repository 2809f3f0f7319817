import QtQuick
import Kiosk
import Kiosk.Backend

// The exhibition's title, at the top: words to read, nothing to reach for (every
// control is in the VisitorBar, low on the screen).
Rectangle {
    id: bar
    required property VisitorSession session

    color: Theme.background
    implicitHeight: title.implicitHeight + Theme.unit * 3.6

    Text {
        id: title
        objectName: "title"
        x: Theme.unit * 3.5
        anchors.verticalCenter: parent.verticalCenter
        width: bar.width - 2 * x
        text: bar.session.title
        textFormat: Text.PlainText
        wrapMode: Text.Wrap
        maximumLineCount: 2
        elide: Text.ElideRight
        font.family: Theme.sansStrong
        font.pixelSize: Theme.titleSize
        color: Theme.text
    }
}
