pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.Backend

// One portrait: the photo, never cropped, on a soft backdrop of itself, in the place its
// shape earns on this page (kiosk.layout: beside the words on a wide page, above them on
// a tall one); the person's words in the rest. A tap on the photo opens it full screen.
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
    required property real photoShape  // width / height of the prepared photo, 0 until prepared
    required property string qrUrl  // the page online as a QR code drawn at its own size, or ""
    required property int qrSide  // that picture's side in pixels: 25 mm at least
    required property string qrCaption
    required property string fromHome  // "À 1 480 km de chez soi", or ""

    required property ScreenReport report
    required property Listening listening
    property var labels: ({})  // the session's labels in the visitor's language
    property string title  // the exhibition's, at the top of the words on a wide page
    property bool speaking: false  // the spoken mode is on
    property int count: 0
    property int fadeMs: Theme.photoFadeMs  // 0 where nothing moves (snapshots, tests)
    signal photoOpened()  // the visitor asked to see the photo full screen
    // True once the photo is drawn or has failed: snapshots and tests wait for it.
    readonly property bool settled: holdsPictures && photo.status !== Image.Loading && backdrop.status !== Image.Loading
                                    && photo.opacity === photo.shownOpacity
    // Where the photo and the words go (kiosk.layout.Page.plan): known from the photo's
    // shape before its picture loads, so nothing moves when it does.
    readonly property var plan: Layout.pagePlan(width, height, Theme.unit, photoShape)
    readonly property bool beside: plan.beside
    // The voice belongs to the page the visitor is on, not to the neighbours built ahead.
    readonly property bool current: PathView.isCurrentItem
    readonly property bool playingHere: current && page.listening.active
    readonly property bool captioned: playingHere && page.listening.hasCaptions
    readonly property real u: Theme.unit
    // The name, and at 4K the quote, are larger than the glyphs the software renderer
    // keeps ready (Theme.largestCachedGlyph), and filling their outlines would be about
    // 40% of a 4K swipe's frame. They are drawn once into a layer of their own, a moment
    // after the page comes to wait beside the current one, so that neither the swipe that
    // brings it nor the one that shows it pays for that (kiosk bench: swipe_ms). Only for
    // the pages on the path (three at most, about 2 MB each at 4K). The hardware renderer
    // draws text of any size from a ready atlas: nothing to do there.
    readonly property bool drawnInSoftware: GraphicsInfo.api === GraphicsInfo.Software
    readonly property bool onPath: PathView.onPath
    // On a large page (4K: kiosk.layout.is_large_page) only the pages on the path
    // (the current one and its neighbours) hold their pictures: two photos fewer in
    // memory, 26 to 36 MB (kiosk bench: rss_mb). The two built beyond them keep their
    // words ready, and load their pictures once the frame that brings them beside the
    // current one is drawn: loaded during that frame, they slowed it by a sixth
    // (swipe_ms). The page a visitor lands on far away (the overview, a filter) loads at
    // once.
    readonly property bool holdsPictures: current || (onPath && onPathSinceFrame)
                                          || !Layout.isLargePage(width, height)
    property bool onPathSinceFrame: false  // on the path, and a frame drawn since
    property bool largeTextLayered: false
    onOnPathChanged: if (!onPath) { largeTextLayered = false; onPathSinceFrame = false }
    Connections {
        target: page.Window.window
        enabled: page.onPath && !page.onPathSinceFrame
        function onFrameSwapped() { page.onPathSinceFrame = true }
    }
    // Swipes back to back (autoplay catching up, a visitor racing) make no layers: each
    // swipe starts the wait again.
    readonly property int carouselAt: PathView.view?.currentIndex ?? -1
    onCarouselAtChanged: if (layerWait.running) layerWait.restart()

    clip: true

    Timer {
        id: layerWait
        interval: Theme.layerAfterMs
        running: page.drawnInSoftware && page.onPath && !(page.PathView.view?.moving ?? false)
                 && !page.largeTextLayered
        onTriggered: page.largeTextLayered = true
    }

    Item {
        id: photoArea
        objectName: "photoArea"
        x: page.plan.photo.x
        y: page.plan.photo.y
        width: page.plan.photo.width
        height: page.plan.photo.height
        clip: true

        Image {
            id: backdrop
            anchors.fill: parent
            source: page.holdsPictures ? page.backdropUrl : ""
            // Scaled up when loaded to a quarter of the area, and the last fourfold on
            // screen: only the bands beside the opaque photo are drawn, and a blur loses
            // nothing at a quarter. At the area's full size it held 21 MB a page at 4K and
            // cost Qt's one image thread a large scaling each (kiosk bench at 3840x2160, five
            // pages holding theirs: rss_mb 415 -> 297, swipe_burst_ms p95 84 -> 54).
            sourceSize: Qt.size(Math.ceil(photoArea.width / 4), Math.ceil(photoArea.height / 4))
            fillMode: Image.PreserveAspectCrop
            asynchronous: true
            smooth: true
            onStatusChanged: if (status === Image.Error) page.report.reportFailedPicture(source.toString())
        }
        Image {
            id: photo
            objectName: "photo"
            anchors.centerIn: parent
            width: page.plan.box.width
            height: page.plan.box.height
            source: page.holdsPictures ? page.photoUrl : ""
            // The box its picture was prepared to fit (the plan's): read as it is, never
            // scaled on loading, then drawn 1:1. The software renderer spends about 2 ms a
            // frame on a scaled photo (kiosk bench: swipe_ms). A photo smaller than its
            // place is scaled up to fill it; one a few percent smaller is drawn as it is,
            // as the JPEG decoder's scale may leave it (kiosk/layout.py).
            sourceSize: page.plan.box
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
        // A tap, not a drag: a swipe across the photo still turns the page.
        TapHandler {
            objectName: "photoTap"
            onTapped: page.photoOpened()
        }
    }

    Rectangle {
        id: textArea
        x: page.plan.words.x
        y: page.plan.words.y
        width: page.plan.words.width
        height: page.plan.words.height
        color: Theme.background

        readonly property real margin: page.u * (page.beside ? 5 : 4)
        readonly property real rightMargin: margin

        // On a wide page the photo takes the whole height: the title heads the words.
        TitleBar {
            id: pageTitle
            objectName: "pageTitle"
            visible: page.beside
            width: parent.width
            height: visible ? implicitHeight : 0
            margin: textArea.margin
            title: page.title
            position: (page.index + 1) + " / " + page.count
            spokenLabel: page.labels.spokenMode ?? ""
            speaking: page.speaking
        }

        // The person's words in one column that scrolls: who they are, then what they
        // say. However large the text, nothing is cut; a long one scrolls.
        Flickable {
            id: scroller
            objectName: "testimonyScroller"
            x: textArea.margin
            anchors.top: pageTitle.bottom
            anchors.topMargin: page.beside ? page.u * 1.4 : page.u * 2
            anchors.bottom: story.top
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
            // far as the captions need (more than half the place) when it is tall; a
            // short place (a tall screen's, under its photo) is the captions' alone.
            Binding on contentY {
                when: page.captioned
                value: Math.max(0, testimony.y - (scroller.height > Theme.captionSize * 8 ? scroller.height * 0.45 : 0))
                restoreMode: Binding.RestoreNone
            }

            Column {
                id: reading
                width: scroller.width
                spacing: page.u * 3

                Item {
                    width: parent.width
                    height: Math.max(header.height, besideName.height)

                    StoryCode {
                        id: besideName
                        objectName: "storyBesideName"
                        url: page.beside ? "" : page.qrUrl
                        side: page.qrSide
                        caption: page.qrCaption
                        stacked: true
                        anchors.right: parent.right
                        width: implicitWidth
                        height: implicitHeight
                    }

                    Column {
                        id: header
                        width: parent.width - (besideName.visible ? besideName.width + Theme.gap : 0)
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
                            layer.enabled: page.largeTextLayered && font.pixelSize > Theme.largestCachedGlyph
                            font.weight: Font.Bold
                            color: Theme.text
                        }
                        Text {
                            objectName: "fromHome"
                            visible: page.fromHome !== ""
                            width: parent.width
                            text: page.fromHome
                            textFormat: Text.PlainText
                            wrapMode: Text.Wrap
                            font.family: Theme.sans
                            font.pixelSize: Theme.smallSize
                            color: Theme.muted
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
                            visible: page.quote !== "" && !(page.captioned && !page.beside)
                            width: parent.width
                            text: page.quote
                            textFormat: Text.PlainText
                            wrapMode: Text.Wrap
                            maximumLineCount: (page.beside ? 4 : 3) + (Theme.largeText ? 2 : 0)
                            elide: Text.ElideRight
                            clip: true
                            font.family: Theme.serif
                            font.italic: true
                            font.pixelSize: Theme.quoteSize
                            layer.enabled: page.largeTextLayered && font.pixelSize > Theme.largestCachedGlyph
                            lineHeight: 1.15
                            color: Theme.text
                        }
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
                Text {
                    objectName: "creditBelowWords"
                    visible: !page.beside && page.credit !== ""
                    width: parent.width
                    text: page.credit
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    font.family: Theme.sans
                    font.pixelSize: Theme.creditSize
                    color: Theme.muted
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
            height: page.u * (page.beside ? 6 : 3.5)  // a short panel keeps the name clear
            anchors.bottom: scroller.bottom
            gradient: Gradient {
                GradientStop { position: 0; color: Theme.backgroundClear }
                GradientStop { position: 1; color: Theme.background }
            }
        }

        // On a wide page the code keeps its place below the words; a tall page's short
        // words panel has no room for it there: it stands beside the name (storyBesideName).
        StoryCode {
            id: story
            objectName: "story"
            url: page.beside ? page.qrUrl : ""
            side: page.qrSide
            caption: page.qrCaption
            x: textArea.margin
            width: scroller.width
            height: implicitHeight
            anchors.bottom: pageControls.top
            anchors.bottomMargin: visible ? page.u * 1.2 : 0
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
            anchors.bottom: footer.visible ? footer.top : parent.bottom
            anchors.bottomMargin: page.u * (footer.visible ? 1.2 : 1.6)

            // The photo full screen, for a visitor who cannot reach the photo itself.
            PillButton {
                id: closerLook
                objectName: "closerLookButton"
                anchors.left: parent.left
                anchors.top: parent.top
                implicitWidth: Theme.touchSize * 1.5  // an emoji is wider than ‹ or ›
                text: "🔍"
                glyph: true
                spokenName: page.labels.closerLook ?? ""
                onTapped: page.photoOpened()
            }
            ListenControl {
                id: listen
                objectName: "listenControl"
                visible: page.current && page.listening.available
                anchors.left: closerLook.right
                anchors.leftMargin: Theme.gap
                anchors.top: parent.top
                maximumWidth: parent.width - x - (testimonyButtons.visible ? testimonyButtons.width + Theme.gap * 2 : 0)
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

        // The photo's credit, low on a wide page; on a tall one it ends the words (above).
        Item {
            id: footer
            visible: page.beside
            x: textArea.margin
            width: scroller.width
            height: visible ? Math.max(page.u * 4, credit.implicitHeight) : 0
            anchors.bottom: parent.bottom
            anchors.bottomMargin: page.u * 1.6

            Text {
                id: credit
                objectName: "credit"
                width: parent.width
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
        }
    }
}
