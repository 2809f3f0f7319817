pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// One portrait: the photo, never cropped, on a soft backdrop of itself; the person's
// words beside it (landscape) or below it (portrait).
Item {
    id: page
    required property int index
    required property string portraitId
    required property string name
    required property string profession
    required property string origin
    required property string testimony
    required property string quote
    required property string arrived
    required property string credit
    required property string photoUrl
    required property string backdropUrl

    required property ScreenReport report
    required property Listening listening
    property var labels: ({})  // the session's labels in the visitor's language
    property int count: 0
    property int fadeMs: Theme.photoFadeMs  // 0 where nothing moves (snapshots, tests)
    // True once the photo is drawn or has failed: snapshots and tests wait for it.
    readonly property bool settled: photo.status !== Image.Loading && backdrop.status !== Image.Loading
                                    && photo.opacity === photo.shownOpacity
    readonly property bool landscape: width >= height
    // The voice belongs to the page the visitor is on, not to the neighbours built ahead.
    readonly property bool current: PathView.isCurrentItem
    readonly property bool playingHere: current && page.listening.active
    readonly property bool captioned: playingHere && page.listening.hasCaptions
    readonly property real u: Theme.unit

    clip: true

    Item {
        id: photoArea
        readonly property size area: Theme.photoArea(page.width, page.height)
        width: area.width
        height: area.height
        clip: true

        Image {
            id: backdrop
            anchors.fill: parent
            source: page.backdropUrl
            // Scaled up to the area when loaded, so each frame draws it 1:1 (a 40 px
            // picture stretched over half the screen cost 2 ms a frame); the area's
            // size is whole pixels for the same reason.
            sourceSize: Qt.size(photoArea.width, photoArea.height)
            fillMode: Image.PreserveAspectCrop
            asynchronous: true
            smooth: true
            onStatusChanged: if (status === Image.Error) page.report.reportFailedPicture(source.toString())
        }
        Image {
            id: photo
            objectName: "photo"
            anchors.fill: parent
            anchors.margins: Theme.photoMargin
            source: page.photoUrl
            // The size its picture was prepared at (Main.photoBox): read as it is, never
            // scaled on loading, then drawn 1:1. The software renderer spends about 2 ms a
            // frame on a scaled photo (kiosk bench: swipe_ms). A photo smaller than its
            // place is scaled up to fill it; one a few percent smaller is drawn as it is,
            // as the JPEG decoder's scale may leave it (kiosk/layout.py).
            sourceSize: Theme.photoBox(page.width, page.height)
            fillMode: Image.Pad
            readonly property real upscale: Math.min(width / Math.max(1, implicitWidth), height / Math.max(1, implicitHeight))
            scale: status === Image.Ready && upscale > Theme.upscaleBeyond ? upscale : 1
            asynchronous: true
            smooth: true
            onStatusChanged: if (status === Image.Error) page.report.reportFailedPicture(source.toString())
            // Fades in once loaded; `settled` waits for the fade's end, so that no picture
            // of the page (a snapshot's, a test's) catches the photo half drawn.
            readonly property real shownOpacity: status === Image.Ready ? 1 : 0
            opacity: shownOpacity
            Behavior on opacity { NumberAnimation { duration: page.fadeMs; easing.type: Easing.OutCubic } }
        }
    }

    Rectangle {
        id: textArea
        x: page.landscape ? photoArea.width : 0
        y: page.landscape ? 0 : photoArea.height
        width: page.width - x
        height: page.height - y
        color: Theme.background

        readonly property real margin: page.u * (page.landscape ? 5 : 4)
        readonly property real rightMargin: margin

        // The person's words in one column that scrolls: who they are, then what they
        // say. However large the text, nothing is cut; a long one scrolls.
        Flickable {
            id: scroller
            objectName: "testimonyScroller"
            x: textArea.margin
            anchors.top: parent.top
            anchors.topMargin: page.landscape ? page.u * 5 : page.u * 3.5
            anchors.bottom: pageControls.top
            anchors.bottomMargin: page.u * 1.6
            width: textArea.width - textArea.margin - textArea.rightMargin
            contentWidth: width
            contentHeight: reading.height
            // Scrolled by the DragHandler below, not by the Flickable's own touch
            // handling: a touch Flickable inside the PathView keeps the finger and a
            // horizontal swipe over the text would never reach the carousel.
            interactive: false
            clip: true
            // Without captions, the testimony scrolls gently along with the recording.
            readonly property real scrollEnd: Math.max(0, contentHeight - height)
            Binding on contentY {
                when: page.playingHere && !page.captioned
                value: scroller.scrollEnd * page.listening.progress
                restoreMode: Binding.RestoreNone
            }
            // With captions, who speaks stays in sight above them, scrolled up only as
            // far as the captions need (more than half the place) when it is tall.
            Binding on contentY {
                when: page.captioned
                value: Math.max(0, testimony.y - scroller.height * 0.45)
                restoreMode: Binding.RestoreNone
            }

            Column {
                id: reading
                width: scroller.width
                spacing: page.u * 3

                Column {
                    id: header
                    width: parent.width
                    spacing: page.u * 1.1

                    Text {
                        objectName: "meta"
                        width: parent.width
                        text: (page.origin + "  ·  " + page.profession).toUpperCase()
                        textFormat: Text.PlainText
                        wrapMode: Text.Wrap
                        maximumLineCount: Theme.largeText ? 4 : 2  // larger text: more lines, never cut shorter
                        elide: Text.ElideRight
                        clip: true
                        font.family: Theme.sansStrong
                        font.pixelSize: Theme.labelSize
                        font.letterSpacing: page.u * 0.15
                        color: Theme.accent
                    }
                    Text {
                        objectName: "name"
                        width: parent.width
                        text: page.name
                        textFormat: Text.PlainText
                        wrapMode: Text.Wrap
                        maximumLineCount: Theme.largeText ? 4 : 2  // larger text: more lines, never cut shorter
                        elide: Text.ElideRight
                        clip: true
                        font.family: Theme.sans
                        font.pixelSize: Theme.nameSize
                        font.weight: Font.Bold
                        color: Theme.text
                    }
                    Text {
                        objectName: "arrived"
                        visible: page.arrived !== ""
                        width: parent.width
                        text: (page.labels.arrived || "") + "  ·  " + page.arrived
                        textFormat: Text.PlainText
                        wrapMode: Text.Wrap
                        clip: true
                        font.family: Theme.sans
                        font.pixelSize: Theme.smallSize
                        color: Theme.muted
                    }
                    // While captions show, they are the person's words on screen: the quote
                    // gives them its room (a tall screen has little).
                    Item { width: 1; height: page.u * 1.2; visible: quote.visible }
                    Text {
                        id: quote
                        objectName: "quote"
                        visible: page.quote !== "" && !(page.captioned && !page.landscape)
                        width: parent.width
                        text: page.quote
                        textFormat: Text.PlainText
                        wrapMode: Text.Wrap
                        maximumLineCount: (page.landscape ? 4 : 3) + (Theme.largeText ? 2 : 0)
                        elide: Text.ElideRight
                        clip: true
                        font.family: Theme.serif
                        font.italic: true
                        font.pixelSize: Theme.quoteSize
                        lineHeight: 1.15
                        color: Theme.text
                    }
                }

                Text {
                    id: testimony
                    objectName: "testimony"
                    width: parent.width
                    // Captions take the testimony's place while they are shown.
                    opacity: page.captioned ? 0 : 1
                    Behavior on opacity { NumberAnimation { duration: page.fadeMs } }
                    text: page.testimony
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    clip: true
                    font.family: Theme.sans
                    font.pixelSize: Theme.bodySize
                    lineHeight: 1.35
                    color: Theme.body
                }
            }
        }

        DragHandler {
            id: scrollDrag
            objectName: "testimonyDrag"
            target: null
            xAxis.enabled: false  // a horizontal drag stays a swipe
            property real startY: 0
            onActiveChanged: if (active) startY = scroller.contentY
            onTranslationChanged: {
                const bottom = Math.max(0, scroller.contentHeight - scroller.height)
                scroller.contentY = Math.max(0, Math.min(bottom, startY - translation.y))
            }
        }

        // A fade at the bottom tells there is more to read below.
        Rectangle {
            visible: scroller.contentY + scroller.height < scroller.contentHeight - 2
            x: scroller.x
            width: scroller.width
            height: page.u * 6
            anchors.bottom: scroller.bottom
            gradient: Gradient {
                GradientStop { position: 0; color: Theme.backgroundClear }
                GradientStop { position: 1; color: Theme.background }
            }
        }

        // Below the words, low on the screen where every visitor reaches them: the
        // person's voice, and up and down through a long testimony.
        Item {
            id: pageControls
            objectName: "pageControls"
            x: textArea.margin
            width: scroller.width
            // Kept whether or not its buttons show: the testimony's place must not depend
            // on whether the testimony overflows it.
            height: Math.max(listen.implicitHeight, Theme.touchSize)
            anchors.bottom: footer.top
            anchors.bottomMargin: page.u * 1.2

            ListenControl {
                id: listen
                objectName: "listenControl"
                visible: page.current && page.listening.available
                anchors.left: parent.left
                anchors.top: parent.top
                maximumWidth: parent.width - (testimonyButtons.visible ? testimonyButtons.width + Theme.gap * 2 : 0)
                listening: page.listening
                labels: page.labels
            }
            PageButtons {
                id: testimonyButtons
                objectName: "testimonyButtons"
                anchors.right: parent.right
                anchors.top: parent.top
                target: scroller
                visible: scroller.opacity > 0 && scroller.contentHeight > scroller.height + 2
                upLabel: page.labels.scrollUp ?? ""
                downLabel: page.labels.scrollDown ?? ""
                durationMs: page.fadeMs
            }
        }

        // The caption being said sits at the bottom of the testimony's place, the one
        // before it above, shown only where it fits whole.
        Item {
            id: captions
            objectName: "captions"
            x: textArea.margin
            y: scroller.y + Math.max(0, testimony.y - scroller.contentY)
            height: pageControls.y - page.u * 1.6 - y
            width: scroller.width
            clip: true
            visible: opacity > 0
            opacity: page.captioned ? 1 : 0
            Behavior on opacity { NumberAnimation { duration: page.fadeMs } }

            Text {
                objectName: "previousCaption"
                width: parent.width
                anchors.bottom: parent.bottom
                anchors.bottomMargin: caption.contentHeight + page.u * 2
                text: page.listening.previousCaption
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                maximumLineCount: 3
                elide: Text.ElideRight
                font.family: Theme.serif
                font.pixelSize: Theme.captionSize * 0.8
                lineHeight: 1.2
                color: Theme.muted
                opacity: text === "" || y < 0 ? 0 : 0.75
                Behavior on opacity { NumberAnimation { duration: page.fadeMs } }
            }
            Text {
                id: caption
                objectName: "caption"
                width: parent.width
                height: parent.height
                verticalAlignment: Text.AlignBottom
                text: page.listening.caption
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                // Where the place is short (a tall screen), smaller rather than cut.
                fontSizeMode: Text.VerticalFit
                minimumPixelSize: Math.round(Theme.bodySize)
                font.family: Theme.serif
                font.pixelSize: Theme.captionSize
                lineHeight: 1.2
                color: Theme.text
            }
        }

        Item {
            id: footer
            x: textArea.margin
            width: scroller.width
            height: Math.max(page.u * 4, credit.implicitHeight, position.implicitHeight)
            anchors.bottom: parent.bottom
            anchors.bottomMargin: page.u * 1.6

            Text {
                id: credit
                objectName: "credit"
                anchors.left: parent.left
                anchors.right: position.left
                anchors.rightMargin: page.u * 2
                anchors.verticalCenter: parent.verticalCenter
                text: page.credit
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                maximumLineCount: Theme.largeText ? 3 : 2  // it wraps rather than loses its end
                elide: Text.ElideRight
                font.family: Theme.sans
                font.pixelSize: Theme.creditSize
                color: Theme.muted
            }
            Text {
                id: position
                objectName: "position"
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                text: (page.index + 1) + " / " + page.count
                textFormat: Text.PlainText
                font.family: Theme.sans
                font.pixelSize: Theme.smallSize
                font.features: { "tnum": 1 }
                color: Theme.muted
            }
        }
    }
}
