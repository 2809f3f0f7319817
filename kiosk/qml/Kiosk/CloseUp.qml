pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// The current portrait's photo, as large as the screen allows, with the name and the
// credit small beside it (or beneath, where the photo leaves no band at its side).
// A tap anywhere, Escape or the idle reset goes back to the page.
Rectangle {
    id: view
    required property VisitorSession session
    required property ScreenReport report
    property string name
    property string credit
    property real photoShape: 0  // width / height, from the page
    property string pageUrl  // the page's picture: shown, scaled, until the sharp one is ready
    // The sharp picture drawn, or failed: snapshots and tests wait for it.
    readonly property bool settled: view.session.closeUpUrl !== "" && sharp.status !== Image.Loading
    readonly property var plan: Layout.closeUpPlan(width, height, Theme.unit, photoShape)

    color: Theme.background

    Item {
        id: place
        x: view.plan.photo.x
        y: view.plan.photo.y
        width: view.plan.photo.width
        height: view.plan.photo.height

        Image {
            id: standIn
            anchors.fill: parent
            visible: sharp.status !== Image.Ready
            source: view.pageUrl
            fillMode: Image.PreserveAspectFit
            smooth: true
        }
        Image {
            id: sharp
            objectName: "closeUpPhoto"
            anchors.fill: parent
            source: view.session.closeUpUrl
            // Prepared at this place's size (kiosk.qt.app): drawn as it is.
            sourceSize: Qt.size(place.width, place.height)
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            smooth: true
            onStatusChanged: if (status === Image.Error) view.report.reportFailedPicture(source.toString())
        }
    }

    // Beside the photo, or beneath it on a tall screen: one above the other, at the bottom
    // of their place. Beneath it on a wide screen: in a row.
    Grid {
        id: caption
        objectName: "closeUpCaption"
        readonly property bool stacked: view.plan.stacked
        x: view.plan.caption.x
        y: view.plan.caption.y + view.plan.caption.height - height
        width: view.plan.caption.width
        columns: stacked ? 1 : 3
        columnSpacing: Theme.unit * 2
        rowSpacing: Theme.unit * 0.8
        verticalItemAlignment: Grid.AlignVCenter

        Text {
            id: nameText
            objectName: "closeUpName"
            width: caption.stacked ? caption.width : Math.min(implicitWidth, caption.width * 0.4)
            text: view.name
            textFormat: Text.PlainText
            wrapMode: caption.stacked ? Text.Wrap : Text.NoWrap
            elide: Text.ElideRight
            font.family: Theme.sansStrong
            font.pixelSize: Theme.smallSize
            color: Theme.text
        }
        Text {
            objectName: "closeUpCredit"
            visible: text !== ""
            width: caption.stacked ? caption.width : caption.width - nameText.width - hint.width - 2 * caption.columnSpacing
            text: view.credit
            textFormat: Text.PlainText
            wrapMode: caption.stacked ? Text.Wrap : Text.NoWrap
            elide: Text.ElideRight
            font.family: Theme.sans
            font.pixelSize: Theme.creditSize
            color: Theme.muted
        }
        Text {
            id: hint
            objectName: "closeUpHint"
            width: caption.stacked ? caption.width : implicitWidth
            text: view.session.labels.closeUpBack ?? ""
            textFormat: Text.PlainText
            wrapMode: caption.stacked ? Text.Wrap : Text.NoWrap
            font.family: Theme.sans
            font.pixelSize: Theme.smallSize
            color: Theme.muted
        }
    }

    TapHandler {
        objectName: "closeUpTap"
        onTapped: view.session.closePanel()
    }
}
